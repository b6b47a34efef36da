/** Side-effect module imported first by the worker: installs the allocation guard before the library loads. */
import { installAllocationGuard } from './guard.js';

installAllocationGuard();
