import type { ReactNode } from "react";

// The smallest App Router layout: the floor every page of a Next 16 app pays for.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
