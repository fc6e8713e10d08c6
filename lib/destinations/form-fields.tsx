import type { ComponentType } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { ConnectionResult, DrainType, DrainView } from "../validation/llm-trace-drains";
import { langfuseForm, type LangfuseFormValues } from "./langfuse/fields";
import { otlpForm, type OtlpFormValues } from "./otlp/fields";

// Every destination's part of the drain forms (new and edit). The forms hold the fields of
// every destination in one value object; the schema of the chosen type keeps its own.

export type CommonFormValues = {
  type: DrainType;
  handle: string;
  forwardContent: boolean;
  acknowledgeContentForwarding: boolean;
};
export type DrainFormValues = CommonFormValues & LangfuseFormValues & OtlpFormValues;
export type ConnectionFailureReason = Extract<ConnectionResult, { ok: false }>["reason"];

/** With `drain`, the fields are editing that drain. The fields only register, watch and read errors. */
export type FieldsProps = {
  form: Pick<UseFormReturn<DrainFormValues, unknown, unknown>, "register" | "control" | "formState">;
  drain?: DrainView;
};

export type DestinationForm = {
  /** The form fields a server error may name (placed next to them). */
  fieldNames: readonly string[];
  defaults: Partial<DrainFormValues>;
  editValues(drain: DrainView): Partial<DrainFormValues>;
  /** The PATCH body's destination fields from the edit form. */
  toUpdate(values: DrainFormValues): Record<string, unknown>;
  /** The edit form carries new credentials (then it holds every connection setting, and they are tested first). */
  hasNewCredentials(values: DrainFormValues): boolean;
  /** The field a failed connection test points at: its message is shown next to it. */
  connectionField(reason: ConnectionFailureReason): string;
  /**
   * Its inputs. A destination the new-drain form does not open on loads them on demand
   * (components/ui/on-demand.tsx), keeping them out of that page's first-load JavaScript.
   */
  Fields: ComponentType<FieldsProps> & { preload?: () => void };
};

export const DESTINATION_FORMS: Record<DrainType, DestinationForm> = {
  langfuse: langfuseForm,
  otlp: otlpForm,
};

/** Fetches the inputs loaded on demand before the user chooses their destination. */
export function preloadDestinationFields(): void {
  for (const destination of Object.values(DESTINATION_FORMS)) destination.Fields.preload?.();
}

/** Every destination's defaults, so switching the Type keeps each one's fields controlled. */
export const ALL_DESTINATION_DEFAULTS = Object.assign(
  {},
  ...Object.values(DESTINATION_FORMS).map((d) => d.defaults),
) as Omit<DrainFormValues, keyof CommonFormValues>;
