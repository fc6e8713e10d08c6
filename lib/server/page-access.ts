import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "../errors";

/** Pages turn "not found" and "forbidden" from the domain layer into Next's 404 page. */
export async function pageAccess<T>(check: Promise<T>): Promise<T> {
  try {
    return await check;
  } catch (err) {
    if (err instanceof AppError && (err.code === "not_found" || err.code === "forbidden")) notFound();
    throw err;
  }
}
