import { ActivitySkeleton } from "./_components/activity-skeleton";

export default function ActivityLoading() {
  return <ActivitySkeleton withHeader />;
}
