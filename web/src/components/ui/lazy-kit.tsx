"use client";

import * as React from "react";

// The shared mechanism behind ./dialog and ./dropdown-menu (issue 10): a
// Radix root whose Radix part (the "kit", one chunk) loads when the first
// of its kind opens, or earlier through `load` (a trigger's hover or
// focus). Until then the root only renders its children, so a trigger is
// there at once and the parts that live inside an open popup render
// nothing. Each user writes its own trigger: a dialog opens on a click, a
// menu on a press or a key, as Radix's do.

type RootState<Kit> = { kit: Kit | null; open: boolean; setOpen: (open: boolean) => void };

export type LazyRootProps = {
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  modal?: boolean;
  children?: React.ReactNode;
};

type PropsOf<T> = T extends React.JSXElementConstructor<infer P> ? P : never;

export function lazyKit<Kit>(what: string, importKit: () => Promise<Kit>, rootName: keyof Kit) {
  let loaded: Kit | null = null;
  let loading: Promise<Kit> | null = null;
  function load(): Promise<Kit> {
    loading ??= importKit().then((m) => (loaded = m));
    return loading;
  }

  const Context = React.createContext<RootState<Kit> | null>(null);

  function useRoot(part: string): RootState<Kit> {
    const root = React.useContext(Context);
    if (!root) throw new Error(`${part} outside its ${what}`);
    return root;
  }

  /** Radix's Root, controlled or not; the kit loads when it first opens. */
  function Root({ open: controlled, defaultOpen = false, onOpenChange, modal, children }: LazyRootProps) {
    const [kit, setKit] = React.useState<Kit | null>(loaded);
    const [uncontrolled, setUncontrolled] = React.useState(defaultOpen);
    const open = controlled ?? uncontrolled;
    const setOpen = React.useCallback(
      (next: boolean) => {
        if (controlled === undefined) setUncontrolled(next);
        onOpenChange?.(next);
      },
      [controlled, onOpenChange],
    );
    React.useEffect(() => {
      if (!open || kit) return;
      let live = true;
      void load().then((k) => live && setKit(k));
      return () => {
        live = false;
      };
    }, [open, kit]);
    const root = React.useMemo(() => ({ kit, open, setOpen }), [kit, open, setOpen]);
    const KitRoot = kit ? (kit[rootName] as React.ComponentType<LazyRootProps>) : null;
    return (
      <Context.Provider value={root}>
        {KitRoot ? (
          <KitRoot open={open} onOpenChange={setOpen} modal={modal}>
            {children}
          </KitRoot>
        ) : (
          children
        )}
      </Context.Provider>
    );
  }

  /** A part that only exists inside an open popup: rendered by the kit once it is there. */
  function part<K extends keyof Kit & string, P extends object = Extract<PropsOf<Kit[K]>, object>>(name: K) {
    function Part(props: P) {
      const root = useRoot(name);
      if (!root.kit) return null;
      const C = root.kit[name] as React.ComponentType<P>;
      return <C {...props} />;
    }
    Part.displayName = name;
    return Part;
  }

  return { load, useRoot, Root, part };
}
