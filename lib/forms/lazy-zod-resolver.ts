import type { FieldValues, Resolver } from "react-hook-form";
import type { $ZodType } from "zod/v4/core";

// A form's zod schema is the server's (lib/validation/), and zod's runtime is ~30 kB (gzip)
// however little of it a form uses. It is loaded when the form first validates (its first
// submit or Test connection), so it is not part of the page's first-load JavaScript. The
// resolver that applies it (~1 kB gzip) is fetched then too, in parallel with the schema.

export function lazyZodResolver<In extends FieldValues, Out extends FieldValues>(
  load: () => Promise<$ZodType<Out, In>>,
): Resolver<In, unknown, Out> {
  let resolver: Promise<Resolver<In, unknown, Out>> | undefined;
  return async (values, context, options) => {
    resolver ??= Promise.all([load(), import("@hookform/resolvers/zod")]).then(
      ([schema, { zodResolver }]) => zodResolver(schema) as unknown as Resolver<In, unknown, Out>,
    );
    return (await resolver)(values, context, options);
  };
}
