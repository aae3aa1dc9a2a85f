// Browser-side API client: same origin, /api/* is rewritten by Next to the Go API.
import createClient from "openapi-fetch";
import type { paths } from "./schema";

export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
