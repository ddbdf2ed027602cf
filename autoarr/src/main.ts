// Entry point of `npm start` and the container.
import { main } from './run.js';

void main();
