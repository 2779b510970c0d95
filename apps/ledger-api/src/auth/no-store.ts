import { Injectable, UseInterceptors, applyDecorators, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Observable } from 'rxjs';

@Injectable()
export class NoStoreInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // Set before the handler runs, so streamed (@Res) answers and errors carry it too.
    context.switchToHttp().getResponse<Response>().setHeader('Cache-Control', 'no-store');
    return next.handle();
  }
}

/** Answers no cache may keep: the audit trail names operators and must not linger in proxies or browsers. */
export const NoStore = () => applyDecorators(UseInterceptors(NoStoreInterceptor), ApiExtension('x-cache-control', 'no-store'));
