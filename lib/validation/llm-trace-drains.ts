import * as z from "zod/mini";
import { DESTINATION_SCHEMAS } from "../destinations/schemas";
import { drainControls, NO_CONTROLS } from "./drain-controls";

// One schema per operation, shared by the drain forms (zodResolver) and the route handlers,
// composed from the settings every drain has and each destination's own fields
// (lib/destinations/*/schema.ts). Messages are written once. zod/mini: these schemas ship to
// the browser with the forms.

type Destinations = typeof DESTINATION_SCHEMAS;
export type DrainType = Destinations[number]["type"];
export const DRAIN_TYPES = DESTINATION_SCHEMAS.map((d) => d.type) as [DrainType, ...DrainType[]];

export const drainHandle = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, "Enter a handle"),
    z.maxLength(64, "Use at most 64 characters"),
    z.regex(
      /^[a-z0-9][a-z0-9._-]*$/,
      "Use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit",
    ),
  );

export const ACKNOWLEDGE_CONTENT = "Confirm that you understand prompts and completions will be forwarded";
export const ACKNOWLEDGE_METADATA = "Confirm that you understand request metadata will be forwarded";

type Part = "create" | "test" | "view";
type Variants<T extends Destinations, P extends Part, S extends z.core.$ZodShape> = {
  -readonly [I in keyof T]: z.ZodMiniObject<{ type: z.ZodMiniLiteral<T[I]["type"]> } & S & T[I][P], z.core.$strip>;
};
/** One object schema per destination: `{ type, ...shared, ...destination[part] }`, as a tuple for discriminatedUnion. */
function perDestination<P extends Part, S extends z.core.$ZodShape>(part: P, shared: S, strict = false) {
  return DESTINATION_SCHEMAS.map((d) => {
    const shape = { type: z.literal(d.type), ...shared, ...d[part] };
    return strict ? z.strictObject(shape) : z.object(shape);
  }) as unknown as Variants<Destinations, P, S>;
}

const isObjectPayload = (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null;

export const createDrainInput = z
  .discriminatedUnion(
    "type",
    perDestination("create", {
      handle: drainHandle,
      forwardContent: z._default(z.boolean(), true),
      controls: z._default(drainControls, NO_CONTROLS),
      acknowledgeContentForwarding: z.boolean({
        error: "Confirm what this drain forwards (acknowledgeContentForwarding)",
      }),
      // "Save anyway": keep a destination whose host name does not resolve yet (DNS still
      // being set up). An address in a private or reserved network is refused regardless,
      // and every delivery checks the name again before it connects.
      allowUnresolvedHost: z.optional(z.boolean()),
    }),
    { error: "Select a drain type" },
  )
  .check(
    // The acknowledgement names what the chosen mode forwards. `when` makes it report with
    // the other field errors instead of after them.
    z.refine((v) => v.acknowledgeContentForwarding === true || v.forwardContent === false, {
      path: ["acknowledgeContentForwarding"],
      message: ACKNOWLEDGE_CONTENT,
      when: isObjectPayload,
    }),
    z.refine((v) => v.acknowledgeContentForwarding === true || v.forwardContent !== false, {
      path: ["acknowledgeContentForwarding"],
      message: ACKNOWLEDGE_METADATA,
      when: isObjectPayload,
    }),
  );
export type CreateDrainInput = z.output<typeof createDrainInput>;

type UpdateShapes = Destinations[number]["update"];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
const destinationUpdateFields = Object.assign(
  {},
  ...DESTINATION_SCHEMAS.map((d) => d.update),
) as UnionToIntersection<UpdateShapes>;
/** Every destination's edit field names. */
export const DESTINATION_FIELDS = Object.keys(destinationUpdateFields);

/**
 * Edits: every field optional. Each destination's fields are accepted here and checked
 * against the drain's type by the domain layer (a Langfuse drain has no `endpoint`).
 */
export const updateDrainInput = z
  .object({
    handle: z.optional(drainHandle),
    paused: z.optional(z.boolean()),
    forwardContent: z.optional(z.boolean()),
    /** Replaces the drain's controls as a whole. */
    controls: z.optional(drainControls),
    ...destinationUpdateFields,
    /** "Save anyway" for a changed URL, as on create: its host name may not resolve yet. */
    allowUnresolvedHost: z.optional(z.boolean()),
  })
  .check(
    z.refine(({ allowUnresolvedHost: _flag, ...change }) => Object.values(change).some((x) => x !== undefined), {
      message: "Nothing to change",
    }),
  );
export type UpdateDrainInput = z.output<typeof updateDrainInput>;

/** The form's Test connection, before saving. `type` may be left out: Langfuse, as before there were others. */
export const testConnectionInput = z.pipe(
  z.transform((v: unknown) => (typeof v === "object" && v !== null && !("type" in v) ? { ...v, type: "langfuse" } : v)),
  z.discriminatedUnion("type", perDestination("test", {}), { error: "Select a drain type" }),
);
export type TestConnectionInput = z.output<typeof testConnectionInput>;

/** What leaves the server about a drain. There is deliberately no secret field. */
export const drainView = z.discriminatedUnion(
  "type",
  perDestination(
    "view",
    {
      id: z.string(),
      environmentId: z.string(),
      handle: z.string(),
      forwardContent: z.boolean(),
      controls: drainControls,
      status: z.enum(["active", "paused", "suspended"]),
      suspendedReason: z.nullable(z.string()),
      createdAt: z.string(),
      createdBy: z.nullable(z.string()),
      updatedAt: z.string(),
    },
    true,
  ),
);
export type DrainView = z.infer<typeof drainView>;
export type DrainViewOf<T extends DrainType> = Extract<DrainView, { type: T }>;

export const connectionResult = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    /** What the destination confirmed, in words (which project, which endpoint). */
    message: z.string(),
    projectName: z.optional(z.string()),
    projectId: z.optional(z.string()),
  }),
  z.object({
    ok: z.literal(false),
    reason: z.enum([
      "invalid_keys",
      "organization_key",
      "forbidden",
      "not_langfuse",
      "not_otlp",
      "wrong_path",
      "unreachable",
      "tls",
      "timeout",
      "blocked",
    ]),
    message: z.string(),
    httpStatus: z.optional(z.number()),
    /**
     * Settings typed into a form only: whether saving them anyway (`allowUnresolvedHost`, on
     * create or edit) would be accepted. False when the save would be refused for
     * good, as for an address in a private network, so the form offers no "Save anyway".
     */
    canSaveAnyway: z.optional(z.boolean()),
  }),
]);
export type ConnectionResult = z.infer<typeof connectionResult>;
