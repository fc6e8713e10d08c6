"use client";

import type { ButtonHTMLAttributes, MouseEvent } from "react";

// A button that is busy while its request runs. A `disabled` button loses keyboard focus to
// the page (a screen reader user is sent back to the top); this one stays focused, says it is
// unavailable (aria-disabled) and ignores presses until the request ends.

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { pending: boolean };

export function PendingButton({ pending, onClick, className, ...rest }: Props) {
  const press = (e: MouseEvent<HTMLButtonElement>) => {
    if (pending) {
      e.preventDefault();
      return;
    }
    onClick?.(e);
  };
  return (
    <button
      type="button"
      {...rest}
      className={className ?? "btn"}
      aria-disabled={pending || undefined}
      aria-busy={pending || undefined}
      onClick={press}
    />
  );
}
