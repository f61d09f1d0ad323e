// The "update to the newest tag in the same track" code actions for the references under a range:
// the hub's tag list (cached), the newest tag on the reference's track, what that tag points to now,
// then policy's fix. A refactoring, not a quick fix: nothing is wrong with an older tag.
import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import type { ImageReference } from '../model/reference.js';
import { updateFix, updateTag } from '../policy/update.js';
import { toWorkspaceEdit } from './convert.js';
import type { FactsHolder } from './facts.js';

export const UPDATE_KIND = `${CodeActionKind.RefactorRewrite}.imageTrust.update`;

export async function updateActions(
  facts: FactsHolder,
  refs: readonly ImageReference[],
  target: { uri: string; version: number },
  documentChanges: boolean,
  signal: AbortSignal,
): Promise<CodeAction[]> {
  const service = facts.current;
  if (!service.tags) return [];
  const actions = await Promise.all(
    refs.map(async (ref): Promise<CodeAction | null> => {
      if (ref.skip || !ref.registry || !ref.repository || !ref.tag) return null;
      const list = await service.tags?.(ref, signal);
      const newTag = list ? updateTag(ref, list) : null;
      if (!newTag || signal.aborted) return null;
      // the current facts as cached (verified if hovered): the title warns of a trust downgrade
      const fix = updateFix(
        ref,
        newTag,
        await facts.lookup({ ...ref, tag: newTag, digest: null }, signal),
        service.peek(ref),
      );
      if (!fix) return null;
      return {
        title: fix.title,
        kind: UPDATE_KIND,
        edit: toWorkspaceEdit([{ ...target, edits: [fix.edit] }], documentChanges),
      };
    }),
  );
  return actions.filter((a): a is CodeAction => a !== null);
}
