import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-8 sm:px-8 sm:py-12" aria-busy="true">
      <Skeleton className="h-7 w-40" />
      <Skeleton className="mt-2 h-4 w-72" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="mt-8 rounded-xl border p-6">
          <Skeleton className="h-4 w-32" />
          <Skeleton className="mt-6 h-9 w-full" />
          <Skeleton className="mt-4 h-9 w-full" />
        </div>
      ))}
    </div>
  );
}
