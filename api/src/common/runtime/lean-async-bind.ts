import { AsyncResource } from 'node:async_hooks';

type Bind = AsyncResource['bind'];

let installed = false;

/**
 * AsyncResource#bind without the deprecated `asyncResource` accessor (DEP0172).
 *
 * Node 20 defines that accessor on every bound function, with a getter and a setter each made by
 * util.deprecate, and Fastify's content-type parser and Nest's interceptor chain bind a function
 * on every request: in the comment-write benchmark's profile the two `deprecate` calls alone were
 * 3.9 % of the API's CPU, and bind 6.5 % with them. The bound function below does what Node's
 * does (runs `fn` in the resource's async scope, with `thisArg` or the caller's `this`, and keeps
 * `fn.length`); nothing in Doorway or its libraries reads the deprecated property.
 *
 * Node's own code is not reused here because it is the part being replaced; the behaviour is
 * checked against it in lean-async-bind.spec.ts.
 */
export function installLeanAsyncBind(): void {
  if (installed) return;
  installed = true;
  const leanBind = function bind(this: AsyncResource, fn: (...args: unknown[]) => unknown, thisArg?: unknown) {
    if (typeof fn !== 'function') throw new TypeError('The "fn" argument must be of type function');
    return boundTo(this, fn, thisArg);
  };
  AsyncResource.prototype.bind = leanBind as Bind;
}

/** `fn` run in `resource`'s async scope, with `thisArg`, or without it the caller's `this`. */
function boundTo(resource: AsyncResource, fn: (...args: unknown[]) => unknown, thisArg: unknown): (...args: unknown[]) => unknown {
  const bound =
    thisArg === undefined
      ? function (this: unknown, ...args: unknown[]): unknown {
          return resource.runInAsyncScope(fn, this, ...args);
        }
      : (...args: unknown[]): unknown => resource.runInAsyncScope(fn, thisArg, ...args);
  Object.defineProperty(bound, 'length', { configurable: true, enumerable: false, value: fn.length, writable: false });
  return bound;
}
