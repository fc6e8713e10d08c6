import { publicRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";

// Any /api path that no route handler serves answers in the API's own error shape, not with
// the HTML 404 page.
const notFound = publicRoute(async () => {
  throw new AppError("not_found", "No API endpoint at this path");
});

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
