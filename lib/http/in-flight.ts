// The requests still being answered, so that shutdown waits for them (server.ts). A request
// counts until its handler has returned and its response is done: a handler can outlive its
// socket (a client that left while its body was being stored) and still needs the ingest
// threads and the database, and a page can stream after its handler returned.

export class InFlight {
  count = 0;
  stopping = false;
  private idle: (() => void)[] = [];

  track(handler: Promise<unknown>): void {
    this.count++;
    const done = () => {
      if (--this.count === 0) for (const resolve of this.idle.splice(0)) resolve();
    };
    handler.then(done, done);
  }

  /** True once no handler runs; false if some still do after `ms`. */
  settled(ms: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
