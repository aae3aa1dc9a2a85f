import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="mt-2 h-4 w-72 max-w-full" />
      <div className="mt-6 grid gap-4 rounded-xl border bg-card p-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className={i % 2 ? "flex justify-end" : "flex"}>
            <Skeleton className="h-14 w-2/3 max-w-md rounded-2xl" />
          </div>
        ))}
      </div>
      <Skeleton className="mt-4 h-24 w-full rounded-xl" />
    </div>
  );
}
