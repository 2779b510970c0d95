import { Module } from '@nestjs/common';
import { ClerkModule } from '../clerk/clerk.module';
import { SeedLoader } from './seed-loader.service';

@Module({ imports: [ClerkModule], providers: [SeedLoader], exports: [SeedLoader] })
export class SeedingModule {}
