import request from 'supertest';
import type { INestApplication } from '@nestjs/common';

/** GET helper for the read API: public, so no token; optional If-None-Match. */
export function reader(app: INestApplication) {
  const server = app.getHttpServer();
  return (path: string, query: Record<string, string | number> = {}, ifNoneMatch?: string) => {
    const req = request(server).get(path).query(query);
    return ifNoneMatch ? req.set('If-None-Match', ifNoneMatch) : req;
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
