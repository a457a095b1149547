// Stand-in for a shop domain model: `Cart.checkout()` shares its name with the declared lock pair
// but is not a LockManager, so it is not a resource.
declare module 'heldout-shop' {
  export interface Receipt {
    readonly id: string;
    readonly total: number;
  }
  export class Cart {
    readonly items: readonly string[];
    checkout(): Promise<Receipt>;
  }
}
