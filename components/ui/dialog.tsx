"use client";

import { useEffect, useRef } from "react";
import { onDemand } from "./on-demand";
import type { DialogProps } from "./modal-dialog";

// Dialogs are closed when a page loads, so their code (Radix, focus trap, portal) is fetched
// when one first opens instead of with every page that has a button opening one.
const ModalDialog = onDemand(() => import("./modal-dialog").then((m) => m.ModalDialog));

/**
 * An accessible modal (focus trap, Escape, labelled by its title); see modal-dialog.tsx.
 * Closed dialogs are unmounted, so focus is handed back here to the control that opened it.
 */
export function Dialog(props: DialogProps) {
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (props.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    } else if (opener.current?.isConnected) {
      opener.current.focus();
      opener.current = null;
    }
  }, [props.open]);
  return props.open ? <ModalDialog {...props} /> : null;
}
