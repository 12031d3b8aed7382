import { UnauthorizedException } from '@nestjs/common';
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
});
