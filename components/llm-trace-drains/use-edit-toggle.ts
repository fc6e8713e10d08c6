"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";

/**
 * The Edit toggle of a panel that shows server-rendered values. Closing the form refreshes
 * the page's data in the same transition, so the panel reappears with what was just saved
 * (closing first showed the old values until the refresh arrived); focus then returns to the
 * button that opened the form, not to <body>.
 */
export function useEditToggle() {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [, startTransition] = useTransition();
  const button = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    if (editing) opened.current = true;
    else if (opened.current) button.current?.focus();
  }, [editing]);
  const close = () =>
    startTransition(() => {
      router.refresh();
      setEditing(false);
    });
  return { editing, open: () => setEditing(true), close, button };
}
