// The generated job-table migrations keep the checksums databases recorded when they applied the apps' files.
import { describe, expect, it } from 'vitest';
import { toMigrationFile } from '../db/migrations.ts';
import { jobTableMigration } from './job-table.ts';

describe('jobTableMigration', () => {
  it('is byte for byte the migration the chatbot and the recommender shipped as files (same checksum)', () => {
    // sha256 of apps/chatbot/migrations/005_jobs.sql and apps/recommender/migrations/002_jobs.sql as applied.
    const chat = jobTableMigration('005_jobs.sql', 'chat_jobs');
    const rec = jobTableMigration('002_jobs.sql', 'rec_jobs');
    expect(toMigrationFile(chat.name, chat.sql).checksum).toBe(
      '78ecee61e83aab8a4dbe73bbcab6ca6554b4b7e6052c69c3dce6d818d670d32f',
    );
    expect(toMigrationFile(rec.name, rec.sql).checksum).toBe(
      '155ad5e00a70bd67fa0119289e5ec01a82b25ed853afbbf38a9d7969acd92d12',
    );
  });
});
