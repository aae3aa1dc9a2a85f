// Wraps an openapi-fetch call so that a network failure looks like any other failed call.
export type CallResult<D> = { data?: D; error?: unknown; response?: Response };

export async function call<D>(p: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<CallResult<D>> {
  try {
    return await p;
  } catch {
    return {};
  }
}
