// The Node.js lookup of docs/search.md ("Lookups in your own code"), run as written against Google's Cloud Firestore
// emulator. tests/DescribeFunction.Tests/Search/LookupSnippetTests.cs has the function describe the samples into the
// emulator with embeddings on, embeds the query as RETRIEVAL_QUERY, and runs this file with node --test; it then
// checks what this file wrote to RESULTS_FILE against the search command's own answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';

const projectId = process.env.LOOKUP_PROJECT_ID;
const queryVector = JSON.parse(readFileSync(process.env.QUERY_VECTOR_FILE, 'utf8'));

// The lines docs/search.md shows, character for character (a docs test compares them).
// [START find-nearest]
import { Firestore, FieldValue } from '@google-cloud/firestore';

const db = new Firestore({ projectId });
const snapshot = await db.collection('imageDescriptions')
  .findNearest({ vectorField: 'embedding', queryVector: FieldValue.vector(queryVector),
                 limit: 10, distanceMeasure: 'COSINE', distanceResultField: 'distance' })
  .get();
const nearest = snapshot.docs.map(doc => ({ name: doc.get('name'), distance: doc.get('distance') }));
// [END find-nearest]

test('findNearest answers the described images, nearest first, each with its COSINE distance', () => {
  writeFileSync(process.env.RESULTS_FILE, JSON.stringify(nearest));
  assert.ok(nearest.length > 0, 'findNearest found no described image');
  for (const { name, distance } of nearest) {
    assert.equal(typeof name, 'string');
    assert.ok(typeof distance === 'number' && distance >= 0 && distance <= 2, `${name} has distance ${distance}`);
  }
  const distances = nearest.map(r => r.distance);
  assert.deepEqual(distances, [...distances].sort((a, b) => a - b));
});
