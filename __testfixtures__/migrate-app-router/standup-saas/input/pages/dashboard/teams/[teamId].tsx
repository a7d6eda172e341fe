import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import type { ReactElement } from 'react';
import AppLayout from '../../../components/app-layout';
import { readSession, SESSION_COOKIE } from '../../../lib/session';
import { getTeam, type Team } from '../../../lib/teams';
import type { NextPageWithLayout } from '../../_app';

type TeamProps = { team: Team; viewer: string };

export const getServerSideProps: GetServerSideProps<TeamProps, { teamId: string }> = async ({ params, req }) => {
  const session = readSession(req.cookies[SESSION_COOKIE]);
  if (!session) {
    return { redirect: { destination: `/login?next=/dashboard/teams/${params!.teamId}`, permanent: false } };
  }
  const team = await getTeam(params!.teamId);
  if (!team) return { notFound: true };
  return { props: { team, viewer: session.name } };
};

const TeamPage: NextPageWithLayout<TeamProps> = ({ team, viewer }) => (
  <>
    <Head>
      <title>{`${team.name} | Standup`}</title>
    </Head>
    <h1>{team.name}</h1>
    <p>
      Stand-up closes at {team.standupTime}. Signed in as {viewer}.
    </p>
    <table>
      <tbody>
        {team.members.map((member) => (
          <tr key={member.id}>
            <td>{member.name}</td>
            <td>{member.role}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </>
);

TeamPage.getLayout = (page: ReactElement) => <AppLayout>{page}</AppLayout>;

export default TeamPage;
