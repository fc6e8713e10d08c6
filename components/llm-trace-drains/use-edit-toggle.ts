"use client";

import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";

/**
 * The Edit toggle of a panel that shows server-rendered values. Closing the form refreshes
 * the page's data in the same transition, so the panel reappears with what was just saved
 * (closing first showed the old values until the refresh arrived); focus then returns to the
 * button that opened the form, mounted again, not to <body>.
 */
export function useEditToggle() {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [, startTransition] = useTransition();
  const closed = useRef(false);
  const button = (el: HTMLButtonElement | null) => {
    if (el && closed.current) {
      closed.current = false;
      el.focus();
    }
  };
  const close = () => {
    closed.current = true;
    startTransition(() => {
      router.refresh();
      setEditing(false);
    });
  };
  return { editing, open: () => setEditing(true), close, button };
}
