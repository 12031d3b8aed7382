import { UnauthorizedException } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { JwtAuthGuard, OptionalJwtAuthGuard } from './jwt-auth.guard';

describe('session guards', () => {
  const outage = new Error('Connection terminated unexpectedly');

  it('answer 401 to a missing or bad session', () => {
    expect(() => new JwtAuthGuard().handleRequest(null, false)).toThrow(UnauthorizedException);
    expect(new OptionalJwtAuthGuard().handleRequest(null, false)).toBeNull();
  });

  it('let a database outage while loading the user stay a server error (retried), not a sign-out', () => {
    expect(() => new JwtAuthGuard().handleRequest(outage, false)).toThrow(outage);
    expect(() => new OptionalJwtAuthGuard().handleRequest(outage, false)).toThrow(outage);
  });

  it('let a request without a session cookie through as anonymous, without asking passport', async () => {
    const request: { cookies: Record<string, string>; user?: unknown } = { cookies: {} };
    const context = { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
    const passport = jest.spyOn(Object.getPrototypeOf(OptionalJwtAuthGuard.prototype) as { canActivate: () => unknown }, 'canActivate');
    try {
      expect(await new OptionalJwtAuthGuard().canActivate(context)).toBe(true);
      expect(request.user).toBeNull();
      expect(passport).not.toHaveBeenCalled();
    } finally {
      passport.mockRestore();
    }
  });
});
