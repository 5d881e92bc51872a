// Local aliases: V8 inside jest's vm sandbox is very slow on global `Math` lookups in hot loops.
const { log, sqrt } = Math;
/** A sparse feature vector: parallel arrays of feature indices and values. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

/**
 * Maps feature names to columns and weighs them by inverse document frequency,
 * so that a stem in every second message ("ich") counts less than a rare,
 * telling one ("vitamin").
 */
export class Vocabulary {
  private readonly columns: Map<string, number>;

  constructor(
    readonly names: string[],
    readonly idf: number[],
  ) {
    this.columns = new Map(names.map((name, column) => [name, column]));
  }

  /** Builds the vocabulary of a training set; features seen in fewer than `minCount` messages are left out. */
  static fit(bags: Map<string, number>[], minCount = 1): Vocabulary {
    const documentFrequency = new Map<string, number>();
    for (const bag of bags) {
      for (const name of bag.keys())
        documentFrequency.set(name, (documentFrequency.get(name) ?? 0) + 1);
    }
    const names = [...documentFrequency.entries()]
      .filter(([, count]) => count >= minCount)
      .map(([name]) => name)
      .sort();
    const idf = names.map(
      (name) => log((1 + bags.length) / (1 + (documentFrequency.get(name) ?? 0))) + 1,
    );
    return new Vocabulary(names, idf);
  }

  /** The column of a feature, if the vocabulary has it. */
  column(name: string): number | undefined {
    return this.columns.get(name);
  }

  get size(): number {
    return this.names.length;
  }

  /** The TF-IDF vector of a bag, scaled to unit length; unknown features are ignored. */
  vectorize(bag: Map<string, number>): SparseVector {
    const indices: number[] = [];
    const values: number[] = [];
    let squaredNorm = 0;
    for (const [name, weight] of bag) {
      const column = this.columns.get(name);
      if (column === undefined) continue;
      const value = weight * (this.idf[column] ?? 1);
      indices.push(column);
      values.push(value);
      squaredNorm += value * value;
    }
    const norm = sqrt(squaredNorm) || 1;
    for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / norm;
    return { indices, values };
  }
}
