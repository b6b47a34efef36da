export function synthesizeErrors(): never {
  throw new Error('todo');
}
