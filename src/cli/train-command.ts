import fs from 'node:fs';
import { LANGS } from '../nlu/intent-ids';
import { artifactPath, trainAndSave } from '../nlu/model-artifact';
import { dataDirFor, MODEL_SPECS } from '../nlu/model-spec';
import type { CliOptions } from './cli-options';

/** `tueroeffner train`: trains and stores every model whose data exists (or the one asked for). */
export async function trainCommand(options: CliOptions): Promise<number> {
  for (const spec of Object.values(MODEL_SPECS)) {
    if (options.model !== 'intents' && spec.name !== options.model) continue;
    for (const lang of options.lang ? [options.lang] : LANGS) {
      if (!fs.existsSync(dataDirFor(spec, lang))) continue;
      const started = Date.now();
      const classifier = trainAndSave(spec, lang);
      process.stderr.write(
        `trained ${spec.name}-${lang}: ${classifier.model.labels.length} labels, ${classifier.model.vocabulary.size} features in ${Date.now() - started} ms → ${artifactPath(spec, lang)}\n`,
      );
    }
  }
  return 0;
}
