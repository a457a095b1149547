// Stand-in for a message broker client whose channels are pooled (generic-pool, tarn).
declare module 'heldout-broker' {
  export interface Channel {
    readonly open: boolean;
    publish(message: string): Promise<void>;
  }
}
