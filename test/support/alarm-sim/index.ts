/** Alarm simulation: the synthesized alarms evaluated on a traffic model (see each module). */
export * from './alarms';
export * from './metric-math';
export * from './traffic';
