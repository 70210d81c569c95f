import { RulesPageSkeleton } from "./_components/rules-skeleton";

export default function AccountRulesLoading() {
  return <RulesPageSkeleton />;
}
