import { Global, Module } from '@nestjs/common';
import { AttentionRegistry } from './attention.registry';

/** Global so that any capability (write side, sealer) can report a record that needs a clerk. */
@Global()
@Module({ providers: [AttentionRegistry], exports: [AttentionRegistry] })
export class AttentionModule {}
