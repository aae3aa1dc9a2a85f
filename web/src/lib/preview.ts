// « Voir comme le client »: an admin previews a project's pages as its client
// sees them. The cookie names the project being previewed (so another
// project, or a new browser session, is seen normally again). It only ever
// lowers what is shown: it is read for admins only, pages then render the
// client's variant with every write hidden, and the API calls whose answer
// depends on the role carry `as=client`, which the server honours only to
// answer with less (httpapi.ViewAs).
export const PREVIEW_COOKIE = "parvis_apercu";

/** Whether an admin is previewing project `project` as its client (the cookie names it). */
export function previewingFrom(cookieValue: string | undefined, role: string, project: string): boolean {
  return role === "admin" && cookieValue === project;
}
