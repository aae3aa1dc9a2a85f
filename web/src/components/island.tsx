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
  /** Clicks made before it was live, replayed in order. */
  held: { target: EventTarget; init: MouseEvent }[];
  el: Element | null;
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
 * document), which would stop a click on a dehydrated island. The first
 * press or key anywhere also starts every island's code: someone using
 * the page may change what all of them show (the theme, say), and a card
 * still waiting would then fall back to its skeleton.
 */
function listen() {
  if (listening) return;
  listening = true;
  const wake = (e: Event) => islandOf(e.target)?.open();
  for (const type of ["pointerover", "focusin"]) {
    window.addEventListener(type, wake, { capture: true, passive: true });
  }
  const wakeAll = () => {
    for (const island of waiting.values()) island.open();
  };
  for (const type of ["pointerdown", "keydown", "touchstart"]) {
    window.addEventListener(type, wakeAll, { capture: true, passive: true });
  }
  window.addEventListener(
    "click",
    (e) => {
      const island = islandOf(e.target);
      if (!island || island.live || !e.target) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      island.held.push({ target: e.target, init: e });
      island.open();
    },
    { capture: true },
  );
}

/**
 * What was typed into a field before its island was live: React hydrates
 * the field with the typed text on screen but its state still empty.
 * Setting the value through React's tracker, then the text through the
 * element's own setter, makes the input event below reach onChange.
 */
function replayTyping(root: Element) {
  for (const field of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input, textarea")) {
    if (["checkbox", "radio", "file", "hidden"].includes(field.type) || field.value === field.defaultValue) continue;
    const typed = field.value;
    const setValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), "value")?.set;
    field.value = field.defaultValue;
    setValue?.call(field, typed);
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }
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

/**
 * island(() => import("./card").then((m) => m.Card), { fallback }) returns a
 * component with Card's props. `className` styles the wrapper <div> the
 * island needs (a grid item, say).
 */
export function island<P extends object>(load: Loader<P>, opts: { fallback?: ReactNode; className?: string } = {}): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  // A failed download (a phone offline for a moment) is tried again: three
  // tries a second apart, then the next island to ask starts over.
  const attempt = (left: number): Promise<ComponentType<P>> =>
    load().catch((e: unknown) => (left > 0 ? new Promise((r) => setTimeout(r, 1000)).then(() => attempt(left - 1)) : Promise.reject(e)));
  const fetchCode = () =>
    (loading ??= attempt(2).then(
      (c) => (loaded = c),
      (e: unknown) => {
        loading = null;
        throw e;
      },
    ));
  // The server loads the code once, up front, so that its render does not
  // wait (a pending import would stream the card after the page).
  if (typeof window === "undefined") fetchCode().catch(() => {});
  const module = () => (loaded ? resolved({ default: loaded }) : fetchCode().then((c) => ({ default: c })));

  function Live({ self }: { self: Island }) {
    useEffect(() => {
      self.live = true;
      const held = self.held.splice(0);
      const el = self.el;
      if (el) waiting.delete(el);
      // After React's commit: the text typed, then the clicks, as made.
      setTimeout(() => {
        if (el) replayTyping(el);
        for (const { target, init } of held) {
          if (!(target instanceof Node) || target.isConnected) target.dispatchEvent(new MouseEvent("click", init));
        }
      }, 0);
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
      const self: Island = { open: () => open?.(), live: false, held: [], el: null };
      const Lazy = lazy(() => (gate ? gate.then(module) : module()) as Promise<{ default: ComponentType<P> }>);
      return { self, Lazy, first: props };
    });
    const { self, Lazy } = state;
    // New props (a refresh, live news) reach a card that is still server
    // HTML: React must hydrate it to apply them, so its code loads now.
    if (state.first !== props) self.open();

    const ref = useRef<HTMLDivElement>(null);
    useEffect(() => {
      const el = ref.current;
      if (!el || self.live) return;
      listen();
      self.el = el;
      waiting.set(el, self);
      const io = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          self.open();
          io.disconnect();
        }
      });
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
