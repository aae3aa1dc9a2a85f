"use client";

import NextLink from "next/link";
import { useState, type ComponentProps } from "react";

/**
 * next/link that prefetches on intent, not on sight.
 *
 * By default every link prefetches its route as soon as it is on screen:
 * one project page fired a dozen prefetches, each rendering the workspace
 * and project layouts (24 API calls for one page view, and main-thread work
 * on the phone while the page was still becoming interactive). Here a link
 * prefetches when it is pointed at, focused or touched, which precedes the
 * click by 100 ms or more, so navigation keeps its head start
 * (the pattern of Next's prefetching guide, « Hover-triggered prefetch »).
 */
export default function Link({ prefetch, onMouseEnter, onFocus, onTouchStart, ...props }: ComponentProps<typeof NextLink>) {
  const [intent, setIntent] = useState(false);
  return (
    <NextLink
      {...props}
      prefetch={prefetch === false || !intent ? false : prefetch}
      onMouseEnter={(e) => {
        setIntent(true);
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        setIntent(true);
        onFocus?.(e);
      }}
      onTouchStart={(e) => {
        setIntent(true);
        onTouchStart?.(e);
      }}
    />
  );
}
