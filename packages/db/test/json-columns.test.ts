import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRoundModel, listModelVersions, recordAuditEvent } from '../src/index.ts';
import { parseAuditData } from '../src/audit/audit-data.ts';
import { readProjectRows } from '../src/backup/read-project-rows.ts';
import { parseModelConfig } from '../src/models/model-json.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

describe('JSON columns parsed at the db boundary', () => {
  it('a model config is a JSON object kept whole; null or a non-object names the row', () => {
    const config = { imageSize: 64, encoderChannels: [8, 16], train: { epochs: 3, threshold: 'fixed' }, extra: null };
    expect(parseModelConfig(config, 'm1')).toEqual(config);
    expect(() => parseModelConfig(null, 'm1')).toThrow(/ModelVersion m1 config does not match its schema/);
    expect(() => parseModelConfig([1, 2], 'm1')).toThrow(/ModelVersion m1 config/);
  });

  it('audit data is a JSON object kept whole, or null', () => {
    expect(parseAuditData({ email: 'a@b.c', role: { from: 'annotator', to: 'admin' } }, 7n)).toEqual({ email: 'a@b.c', role: { from: 'annotator', to: 'admin' } });
    expect(parseAuditData(null, 7n)).toBeNull();
    expect(() => parseAuditData('text', 7n)).toThrow(/AuditEvent 7 data does not match its schema/);
  });
});

describe('JSON columns read back from PostgreSQL', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('model versions and audit events come back with their JSON columns typed and unchanged', async () => {
    const project = await t.db.project.create({ data: { name: 'json', slug: 'json' } });
    const round = await t.db.round.create({ data: { projectId: project.id, number: 1, budget: 1, strategy: 'random' } });
    const config = { imageSize: 64, train: { epochs: 2 } };
    await t.db.modelVersion.create({ data: { projectId: project.id, roundId: round.id, config, backend: 'cpu', status: 'ready' } });
    await recordAuditEvent(t.db, { action: 'test.with-data', projectId: project.id, data: { n: 1, list: ['a'] } });
    await recordAuditEvent(t.db, { action: 'test.without-data', projectId: project.id });

    expect((await getRoundModel(t.db, { roundId: round.id })).config).toEqual(config);
    expect((await listModelVersions(t.db, { projectId: project.id }))[0]?.config).toEqual(config);
    const rows = await readProjectRows(t.db, { projectId: project.id });
    expect(rows.models[0]?.config).toEqual(config);
    expect(rows.auditEvents.map((e) => [e.action, e.data])).toEqual([
      ['test.with-data', { n: 1, list: ['a'] }],
      ['test.without-data', null],
    ]);
  });
});
