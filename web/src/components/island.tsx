"use client";

import { lazy, Suspense, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ComponentType, type ReactNode } from "react";

// Islands (issue 10): a client component rendered on the server as usual,
// whose code loads, and whose server HTML hydrates, only when it comes on
// screen, is pointed at, pressed or focused, or receives new props. Until
// then the page shows the server's HTML, which is the same, and the
// browser spends nothing on it: on the admin's dashboard the cards below
// the first screen (phases, approvals, steering, notes, people) no longer
// weigh on the page's loading.
//
// A click that lands on an island before it is hydrated is held (React
// would drop it: it cannot hydrate code that is not there) and replayed
// on the same element once the island is live.
//
// On a client-side navigation (nothing to hydrate) an island loads at once
// and shows its fallback meanwhile; once its code is loaded, it renders
// at once.

type Loader<P> = () => Promise<ComponentType<P>>;

type Island = {
  open: () => void;
  live: boolean;
  held: HTMLElement | null;
};

/** The islands still waiting, by their wrapper element. */
const waiting = new Map<Element, Island>();
let listening = false;

function islandOf(target: EventTarget | null): Island | null {
  for (let n = target instanceof Element ? target : null; n; n = n.parentElement) {
    const island = waiting.get(n);
    if (island) return island;
  }
  return null;
}

/**
 * Window-level capture listeners: they run before React's own (on the
 * document), which would stop a click on a dehydrated island.
 */
function listen() {
  if (listening) return;
  listening = true;
  const wake = (e: Event) => islandOf(e.target)?.open();
  for (const type of ["pointerover", "pointerdown", "focusin", "touchstart"]) {
    window.addEventListener(type, wake, { capture: true, passive: true });
  }
  window.addEventListener(
    "click",
    (e) => {
      const island = islandOf(e.target);
      if (!island || island.live) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      // The control itself (a click on a button's icon lands on the <svg>).
      const el = e.target instanceof Element ? e.target.closest("a, button, input, label, select, summary, textarea, [role], [tabindex]") : null;
      island.held = el instanceof HTMLElement ? el : null;
      island.open();
    },
    { capture: true },
  );
}

/** A thenable that calls back at once: React.lazy then renders in the same pass. */
function resolved<T>(value: T): PromiseLike<T> {
  return {
    then<R1 = T, R2 = never>(onOk?: ((v: T) => R1 | PromiseLike<R1>) | null): PromiseLike<R1 | R2> {
      return resolved(onOk ? (onOk(value) as R1) : (value as unknown as R1));
    },
  };
}

function noSubscription() {
  return () => {};
}

function shallowEqual(a: object, b: object) {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * island(() => import("./card").then((m) => m.Card), { fallback }) returns a
 * component with Card's props. `className` styles the wrapper <div> the
 * island needs (a grid item, say).
 */
export function island<P extends object>(load: Loader<P>, opts: { fallback?: ReactNode; className?: string } = {}): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const fetchCode = () => (loading ??= load().then((c) => (loaded = c)));
  // The server loads the code once, up front, so that its render does not
  // wait (a pending import would stream the card after the page).
  if (typeof window === "undefined") void fetchCode();
  const module = () => (loaded ? resolved({ default: loaded }) : fetchCode().then((c) => ({ default: c })));

  function Live({ self }: { self: Island }) {
    useEffect(() => {
      self.live = true;
      const held = self.held;
      self.held = null;
      // Replayed after React's commit, on the element the user clicked.
      if (held) setTimeout(() => held.isConnected && held.click(), 0);
    }, [self]);
    return null;
  }

  function IslandComponent(props: P) {
    // True on the server and while hydrating, false afterwards and on a
    // client-side mount.
    const hydrating = useSyncExternalStore(noSubscription, () => false, () => true);
    const [state] = useState(() => {
      let open!: () => void;
      // Only a hydration waits (the server renders at once).
      const gated = hydrating && typeof window !== "undefined" && !loaded;
      const gate = gated ? new Promise<void>((resolve) => (open = resolve)) : null;
      const self: Island = { open: () => open?.(), live: false, held: null };
      const Lazy = lazy(() => (gate ? gate.then(module) : module()) as Promise<{ default: ComponentType<P> }>);
      return { self, Lazy, first: props };
    });
    const { self, Lazy } = state;
    // New props (a refresh, live news) reach a card that is still server
    // HTML: React must hydrate it to apply them, so its code loads now.
    if (!shallowEqual(state.first, props)) self.open();

    const ref = useRef<HTMLDivElement>(null);
    useEffect(() => {
      const el = ref.current;
      if (!el || self.live) return;
      listen();
      waiting.set(el, self);
      const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && self.open());
      io.observe(el);
      return () => {
        io.disconnect();
        waiting.delete(el);
      };
    }, [self]);

    // The same element while the props are: the re-render that ends the
    // hydration (useSyncExternalStore) must not reach a card still waiting,
    // or React would drop its server HTML for the fallback.
    const content = useMemo(
      () => (
        <Suspense fallback={opts.fallback ?? null}>
          <Lazy {...props} />
          <Live self={self} />
        </Suspense>
      ),
      [Lazy, self, props],
    );
    return (
      <div ref={ref} className={opts.className ?? "min-w-0"}>
        {content}
      </div>
    );
  }
  return IslandComponent;
}
