// The shipped docs/firestore/firestore.rules, read the way an app reads: Google's @firebase/rules-unit-testing and the
// Firebase JS SDK against Google's Cloud Firestore emulator started with --rules. The documents are not made here:
// the real function wrote them through the emulator with OWNER_PATTERN=users/{owner}/**, and this file only reads,
// as alice, bob and an anonymous user. Started by FirestoreRulesTests (dotnet test), which passes:
//   FIRESTORE_EMULATOR_HOST  host:port of the emulator
//   RULES_PROJECT_ID         the project the function wrote to
//   LEDGER_SHARD             the path of one usage-ledger shard the function's commits incremented
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFails, assertSucceeds, initializeTestEnvironment } from '@firebase/rules-unit-testing';
import {
  collection, deleteDoc, doc, getDoc, getDocs, limit, query, setDoc, setLogLevel, updateDoc, where,
} from 'firebase/firestore';

const descriptions = 'imageDescriptions';
const aliceImage = 'users/alice/x.jpg';
const bobImage = 'users/bob/y.jpg';
const unownedImage = 'shared/z.jpg';

const emulator = process.env.FIRESTORE_EMULATOR_HOST;
const ledgerShard = process.env.LEDGER_SHARD;
if (!emulator || !ledgerShard) {
  throw new Error('Set FIRESTORE_EMULATOR_HOST and LEDGER_SHARD; FirestoreRulesTests (dotnet test) starts this file with both.');
}

/** The document id of an object name, as the function encodes it. */
const idOf = (name) => name.replaceAll('%', '%25').replaceAll('/', '%2F');

let env;
let alice;
let bob;
let anonymous;

before(async () => {
  // Every denied write would otherwise log its PERMISSION_DENIED stream error besides the failed promise.
  setLogLevel('silent');
  const [host, port] = emulator.split(':');
  // No `rules` here: the emulator keeps the file it was started with, so the shipped file is what is tested.
  env = await initializeTestEnvironment({
    projectId: process.env.RULES_PROJECT_ID ?? 'local-project',
    firestore: { host, port: Number(port) },
  });
  alice = env.authenticatedContext('alice').firestore();
  bob = env.authenticatedContext('bob').firestore();
  anonymous = env.unauthenticatedContext().firestore();
});

after(async () => {
  await env?.cleanup();
});

const describedAs = (db, name) => doc(db, descriptions, idOf(name));

test('the function wrote every document these cases read (so a denial is the rules, not a missing document)', async () => {
  await env.withSecurityRulesDisabled(async (context) => {
    const db = context.firestore();
    const stored = async (name) => (await getDoc(describedAs(db, name))).data();
    assert.equal((await stored(aliceImage))?.owner, 'alice');
    assert.equal((await stored(bobImage))?.owner, 'bob');
    const unowned = await stored(unownedImage);
    assert.equal(unowned?.status, 'done');
    assert.equal('owner' in unowned, false, 'a name OWNER_PATTERN does not match has no owner');
    assert.equal((await getDoc(doc(db, ledgerShard))).exists(), true);
  });
});

test('a user gets the description of their own image', async () => {
  const snapshot = await assertSucceeds(getDoc(describedAs(alice, aliceImage)));
  assert.equal(snapshot.get('owner'), 'alice');
  assert.equal(snapshot.get('status'), 'done');
  assert.ok(snapshot.get('description').length > 0);
  await assertSucceeds(getDoc(describedAs(bob, bobImage)));
});

test("a user cannot get another user's description", async () => {
  await assertFails(getDoc(describedAs(bob, aliceImage)));
  await assertFails(getDoc(describedAs(alice, bobImage)));
});

test('an anonymous user gets no description', async () => {
  await assertFails(getDoc(describedAs(anonymous, aliceImage)));
  await assertFails(getDoc(describedAs(anonymous, unownedImage)));
});

test('a description without an owner is readable by no client', async () => {
  await assertFails(getDoc(describedAs(alice, unownedImage)));
  await assertFails(getDoc(describedAs(bob, unownedImage)));
});

test('"my images": a query constrained to owner == uid lists exactly the own descriptions', async () => {
  const mine = await assertSucceeds(getDocs(query(collection(alice, descriptions), where('owner', '==', 'alice'))));
  assert.deepEqual(mine.docs.map((d) => d.get('name')), [aliceImage]);
});

test("a query for another user's owner value is denied", async () => {
  await assertFails(getDocs(query(collection(alice, descriptions), where('owner', '==', 'bob'))));
  await assertFails(getDocs(query(collection(anonymous, descriptions), where('owner', '==', 'alice'))));
});

test('an unconstrained list is denied, even with a limit', async () => {
  await assertFails(getDocs(collection(alice, descriptions)));
  await assertFails(getDocs(query(collection(alice, descriptions), limit(1))));
  await assertFails(getDocs(query(collection(alice, descriptions), where('status', '==', 'done'))));
  await assertFails(getDocs(collection(anonymous, descriptions)));
});

test('the live view of one upload is a query for its name constrained to the owner, allowed before the document exists', async () => {
  const one = (name) => query(collection(alice, descriptions), where('owner', '==', 'alice'), where('name', '==', name));
  const found = await assertSucceeds(getDocs(one(aliceImage)));
  assert.equal(found.size, 1);
  const notYet = await assertSucceeds(getDocs(one('users/alice/not-described-yet.jpg')));
  assert.equal(notYet.size, 0);
  // A document read cannot wait for the function: with no document there is no owner for the rules to check.
  await assertFails(getDoc(describedAs(alice, 'users/alice/not-described-yet.jpg')));
});

test('no client creates, updates or deletes a description, not even its owner', async () => {
  await assertFails(setDoc(describedAs(alice, 'users/alice/forged.jpg'), { owner: 'alice', status: 'done', description: 'forged' }));
  await assertFails(updateDoc(describedAs(alice, aliceImage), { description: 'edited' }));
  await assertFails(setDoc(describedAs(alice, aliceImage), { owner: 'alice' }, { merge: true }));
  await assertFails(deleteDoc(describedAs(alice, aliceImage)));
  await assertFails(setDoc(describedAs(anonymous, 'shared/forged.jpg'), { status: 'done' }));
});

test('the usage ledger is unreadable and unwritable by clients', async () => {
  for (const db of [alice, bob, anonymous]) {
    await assertFails(getDoc(doc(db, ledgerShard)));
    await assertFails(getDocs(collection(db, ledgerShard.slice(0, ledgerShard.lastIndexOf('/')))));
    await assertFails(setDoc(doc(db, ledgerShard), { images: 0 }));
  }
});
