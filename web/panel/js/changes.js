// What an edit form sends: the members of `next` whose JSON differs from
// `previous` (the stored object), so a PATCH changes only what the person
// changed and a concurrent edit of another member is not overwritten.
export function changedMembers(previous, next) {
  const changed = {};
  for (const [key, value] of Object.entries(next)) {
    if (JSON.stringify(previous[key] ?? null) !== JSON.stringify(value ?? null)) changed[key] = value;
  }
  return changed;
}
