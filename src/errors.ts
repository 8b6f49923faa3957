/**
 * Every error dealgraph raises on purpose carries a message of the form
 * `dealgraph: expected …, found …` naming the input, so a user can act on it.
 */
export class DealgraphError extends Error {
  constructor(message: string, readonly input?: string) {
    super(message.startsWith('dealgraph:') ? message : `dealgraph: ${input ? input + ': ' : ''}${message}`);
    this.name = 'DealgraphError';
  }
}
