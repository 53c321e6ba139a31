// `/<locale>/registrations/cancel?token=...`: the link the CMS mails when TAPESTRY_FRONTEND_URL is set.
import { TokenPage } from "@/components/TokenPage";

export default function CancelRegistrationPage(props: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <TokenPage {...props} kind="cancel-registration" route="/registrations/cancel" title="cancelTitle" />;
}
