"""events: admin2, admin3 and associated actors (ACLED's assoc_actor_1/2)

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events') as b:
        b.add_column(sa.Column('admin2', sa.String(length=120), nullable=True))
        b.add_column(sa.Column('admin3', sa.String(length=120), nullable=True))
        b.add_column(sa.Column('assoc_actor_1', sa.Text(), nullable=True))
        b.add_column(sa.Column('assoc_actor_2', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('events') as b:
        b.drop_column('assoc_actor_2')
        b.drop_column('assoc_actor_1')
        b.drop_column('admin3')
        b.drop_column('admin2')
