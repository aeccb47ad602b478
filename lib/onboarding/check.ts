// One upload read and validated: what the dry run and the import run (in a worker, run-check.ts).
import { readUpload, type UploadedFile } from "./read";
import { validateOnboarding, type ExistingState, type OnboardingPlan } from "./validate";

export interface CheckInput {
  files: UploadedFile[];
  existing: ExistingState;
}

export function checkUpload(input: CheckInput): OnboardingPlan {
  const read = readUpload(input.files);
  if (read.problems.length) return { agencies: [], users: [], problems: read.problems };
  return validateOnboarding(read.sheets, input.existing);
}
