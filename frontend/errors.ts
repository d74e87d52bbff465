// PyNN's error classes (pyNN.errors), with the same names and the same base-class relations, so that code ported
// from Python can catch the same things. Messages name the object, the parameter and what is allowed.

/** Base for PyNN's KeyError-derived errors. */
export class KeyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Base for PyNN's ValueError-derived errors; also thrown directly where PyNN raises ValueError. */
export class ValueError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Where PyNN raises IOError. */
export class IOError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Where PyNN raises IndexError (e.g. PopulationView.idToIndex of an absent ID). */
export class IndexError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Python's MemoryError: a request whose result or recording would not fit in the memory this process can have.
 * Thrown before any work starts, so that the simulation and what it has recorded are kept.
 */
export class MemoryError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Where PyNN raises NotImplementedError. */
export class NotImplementedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Unknown parameter name: "name (valid parameters for Model are: a, b, c)". */
export class NonExistentParameterError extends KeyError {
  constructor(
    readonly parameterName: string,
    readonly modelName: string,
    readonly validParameters: readonly string[] = [],
  ) {
    super(
      `${parameterName} (valid parameters for ${modelName} are: ${[...validParameters].sort().join(', ')})`,
    );
  }
}

export class InvalidParameterValueError extends ValueError {}

export class InvalidDimensionsError extends ValueError {}

/** PyNN's ConnectionError (not Node's): bad pre/post, receptor type, weight sign, list index out of range. */
export class ConnectionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class RecordingError extends Error {
  constructor(
    readonly variable: string,
    readonly cellType: string,
    readonly available: readonly string[] = [],
  ) {
    super(
      `Cannot record ${variable} from cell type ${cellType}. Available variables are ${[...available].join(', ')}`,
    );
    this.name = new.target.name;
  }
}

export class NoModelAvailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class InvalidModelError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class NotLocalError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class NothingToWriteError extends IOError {}

export class InvalidWeightError extends ValueError {}
