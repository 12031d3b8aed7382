import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import { installLeanAsyncBind } from './lean-async-bind';

describe('installLeanAsyncBind', () => {
  const store = new AsyncLocalStorage<string>();
  const nodesBind = AsyncResource.prototype.bind;

  beforeAll(() => installLeanAsyncBind());

  it('replaces the bind that builds a deprecated accessor per call', () => {
    expect(AsyncResource.prototype.bind).not.toBe(nodesBind);
    const bound = AsyncResource.bind(() => 1);
    expect(Object.getOwnPropertyDescriptor(bound, 'asyncResource')).toBeUndefined();
  });

  it("runs the function in the binding's async context, not the caller's", () => {
    const bound = store.run('at bind', () => AsyncResource.bind(() => store.getStore()));
    expect(store.run('at call', () => bound())).toBe('at bind');
  });

  it("passes arguments and returns the function's result, like Node's bind", () => {
    const add = (a: number, b: number): number => a + b;
    const resource = new AsyncResource('test');
    expect(resource.bind(add)(2, 3)).toBe(5);
    expect(nodesBind.call(resource, add)(2, 3)).toBe(5);
  });

  it("uses the caller's this without thisArg, and thisArg when given", () => {
    function who(this: unknown): unknown {
      return (this as { name?: string } | undefined)?.name;
    }
    const holder = { name: 'caller', who: new AsyncResource('test').bind(who) };
    expect(holder.who()).toBe('caller');
    expect(AsyncResource.bind(who, 'test', { name: 'given' })()).toBe('given');
  });

  it("keeps the function's length, which Fastify and Nest may read", () => {
    const bound = AsyncResource.bind((a: number, b: number, c: number) => a + b + c);
    expect(bound.length).toBe(3);
  });

  it('refuses what is not a function', () => {
    expect(() => new AsyncResource('test').bind(42 as unknown as () => void)).toThrow(TypeError);
  });
});
