import { Counter } from "./counter";

export default function Home() {
  return (
    <main>
      <h1>Bare Next.js page</h1>
      <Counter />
    </main>
  );
}
