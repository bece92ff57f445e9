declare module "async-exit-hook" {
  interface AsyncExitHook {
    (hook: (done?: () => void) => void): void;
    unhookEvent(event: string): void;
    hookedEvents(): string[];
    hookEvent(event: string, code?: number, filter?: (...args: unknown[]) => boolean): void;
  }
  const asyncExitHook: AsyncExitHook;
  export default asyncExitHook;
}
