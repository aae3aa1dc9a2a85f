"use client";

import * as React from "react";
import { Label } from "./label";
import { cn } from "@/lib/utils";

/**
 * A labelled form control with an optional hint and error. The child control
 * receives id, aria-invalid and aria-describedby.
 */
function Field({
  label,
  hint,
  error,
  className,
  children,
  id: idProp,
  labelExtra,
  wrap = false,
}: {
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
  className?: string;
  id?: string;
  labelExtra?: React.ReactNode;
  /** The child wraps the control (which then carries `id` itself): it is not given id/aria props. */
  wrap?: boolean;
  children: React.ReactElement<Record<string, unknown>>;
}) {
  const auto = React.useId();
  const id = idProp ?? auto;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("grid content-start gap-2", className)}>
      <div className="flex items-center justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        {labelExtra}
      </div>
      {wrap ? children : React.cloneElement(children, { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint && !error ? (
        <p id={hintId} className="text-[13px] text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-[13px] font-medium text-destructive" data-field-error>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export { Field };
