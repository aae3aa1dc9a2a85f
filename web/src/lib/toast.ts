// Toasts without sonner in the first load (issue 10): sonner (~10 KiB
// gzip) is fetched the first time a toast is shown or when the Toaster
// mounts after hydration (components/theme.tsx), whichever comes first.
// Same calls as sonner's `toast`, whose return values nobody reads here.
type Sonner = typeof import("sonner");
type Toast = Sonner["toast"];

let sonner: Promise<Sonner> | null = null;

/** Loads sonner once. */
export function loadSonner(): Promise<Sonner> {
  sonner ??= import("sonner");
  return sonner;
}

function later<K extends "success" | "error" | "warning" | "info" | "message">(kind: K) {
  return (...args: Parameters<Toast[K]>) => {
    void loadSonner().then(({ toast }) => (toast[kind] as (...a: Parameters<Toast[K]>) => unknown)(...args));
  };
}

export const toast = Object.assign(
  (...args: Parameters<Toast>) => {
    void loadSonner().then(({ toast }) => toast(...args));
  },
  { success: later("success"), error: later("error"), warning: later("warning"), info: later("info"), message: later("message") },
);
