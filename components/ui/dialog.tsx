"use client";

import dynamic from "next/dynamic";
import type { DialogProps } from "./modal-dialog";

// Dialogs are closed when a page loads, so their code (Radix, focus trap, portal) is fetched
// when one first opens instead of with every page that has a button opening one.
const ModalDialog = dynamic(() => import("./modal-dialog").then((m) => m.ModalDialog), { ssr: false });

/** An accessible modal (focus trap, Escape, labelled by its title); see modal-dialog.tsx. */
export function Dialog(props: DialogProps) {
  return props.open ? <ModalDialog {...props} /> : null;
}
