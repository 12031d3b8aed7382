import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, throwError } from 'rxjs';
import type { Observable } from 'rxjs';
import { UsersService } from '../../modules/users/users.service';
import type { SessionToken } from '../../modules/users/users.service';
import { signInRequired } from './jwt-auth.guard';

/**
 * On a route under @AuthenticatedByToken, a request refused before its service ran (a body or a
 * path that fails validation) would answer 400 to a session that has ended, since only the
 * service's statement confirms the session. This confirms it on such a refusal, and only then
 * (one query on an error, none on the write path), so an ended session gets 401 whatever it sent,
 * as on every other signed-in route.
 */
@Injectable()
export class SessionRefusalInterceptor implements NestInterceptor {
  constructor(private readonly users: UsersService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const session = context.switchToHttp().getRequest<{ user?: SessionToken | null }>().user ?? null;
    return next.handle().pipe(catchError((error: unknown) => from(this.refusalFor(session, error)).pipe(mergeMap((refusal) => throwError(() => refusal)))));
  }

  private async refusalFor(session: SessionToken | null, error: unknown): Promise<unknown> {
    if (!session || !(error instanceof HttpException)) return error;
    const status = error.getStatus();
    // A 401 is already the answer; a 5xx is the server's fault, not the client's.
    if (status === HttpStatus.UNAUTHORIZED || status >= HttpStatus.INTERNAL_SERVER_ERROR) return error;
    return (await this.users.findSessionUser(session)) ? error : signInRequired();
  }
}
